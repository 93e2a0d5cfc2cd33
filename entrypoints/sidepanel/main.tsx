import { render } from 'preact';
import { SidePanel } from './SidePanel';
import '../../assets/ui.css';

render(<SidePanel />, document.getElementById('app')!);
